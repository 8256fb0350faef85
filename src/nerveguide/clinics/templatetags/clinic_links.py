"""Links a patient taps on a clinic: directions in the phone's maps app by address."""

from urllib.parse import urlencode

from django import template

register = template.Library()

# Google's documented cross-platform "Maps URL": opens the maps app on Android and iOS (or the web
# page elsewhere) with directions to the destination. A plain link: nothing is embedded, nothing
# is loaded from Google until the person taps it. https://developers.google.com/maps/documentation/urls/get-started
DIRECTIONS_URL = "https://www.google.com/maps/dir/"


@register.filter
def route_url(clinic) -> str:
    """Directions to the clinic's street address ("Egevej 4, 8000 Aarhus C, Danmark")."""
    destination = f"{clinic.address}, {clinic.postcode} {clinic.town}, Danmark"
    return f"{DIRECTIONS_URL}?{urlencode({'api': 1, 'destination': destination})}"
