from django import template

from nerveguide.danish import formatting as danish

register = template.Library()


@register.filter
def dansk_dato(value):
    """A date in Danish ("12. oktober 2025"); "" for None."""
    return danish.format_date(value)


@register.filter
def telefon(value):
    """A phone number in Danish pairs ("70 11 31 31"); short service numbers as they are."""
    return danish.format_phone(str(value))


@register.filter
def tel_href(value):
    """The tel: link for a number ("tel:+4570113131", "tel:112")."""
    return danish.phone_href(str(value))
