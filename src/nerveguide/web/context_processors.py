from django.conf import settings

from nerveguide.danish.contacts import emergency_number, laegevagt_contacts


def site(request):
    """Site name and URL, and the numbers the footer shows on every page (112 and lægevagten)."""
    return {
        "SITE_NAME": "nerveguide",
        "SITE_URL": settings.SITE_URL,
        "EMERGENCY_NUMBER": emergency_number(),
        "LAEGEVAGT_CONTACTS": laegevagt_contacts(),
    }
