from django import template

from nerveguide.danish import formatting as danish

register = template.Library()


@register.filter
def dansk_dato(value):
    return danish.format_date(value)


@register.filter
def telefon(value):
    return danish.format_phone(str(value))


@register.filter
def tel_href(value):
    return danish.phone_href(str(value))
