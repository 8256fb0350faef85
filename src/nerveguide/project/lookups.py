"""`__in` on integer columns ignores numbers the column cannot hold, as Django's `exact` does.

Django (since 5.0, `IntegerFieldOverflow`) answers `id=<40 digits>` with "no rows" instead of
sending the number to the database, but not `id__in=[<40 digits>]`: SQLite then raises
OverflowError ("Python int too large to convert to SQLite INTEGER") and the request is a 500.
ModelMultipleChoiceField (a 40-digit specialty id in the clinic owner form, the admin's
permission lists) and admin filters such as `?id__in=` all query this way. A number outside the
column's range can match no row, so dropping it gives the same answer the database would.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    """`in` for every IntegerField subclass (ids too): out-of-range numbers match nothing."""

    def process_rhs(self, compiler, connection):
        """Drop int values outside the column's range, then process the right-hand side as In
        does.
        """
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]  # an empty list is EmptyResultSet in In.process_rhs: no rows, no query
        return super().process_rhs(compiler, connection)


def register() -> None:
    """Install the lookup (called once from the web app's ready())."""
    IntegerField.register_lookup(IntegerFieldIn)
