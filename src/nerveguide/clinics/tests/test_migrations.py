"""A database with reviews from before the one-review-per-address rule migrates cleanly."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("clinics", "0004_review_email")]


@pytest.mark.django_db(transaction=True)
def test_old_duplicate_reviews_migrate_without_loss():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    apps = executor.loader.project_state(BEFORE).apps
    Clinic, Review = apps.get_model("clinics", "Clinic"), apps.get_model("clinics", "Review")
    clinic = Clinic.objects.create(
        slug="a",
        name="A",
        address="x",
        postcode="8000",
        town="Aarhus",
        lat=56,
        lon=10,
        is_demo=True,
    )
    for i in range(3):
        Review.objects.create(
            clinic=clinic,
            rating=5,
            text="t",
            author_name="n",
            email="demo@example.invalid",
            status="published",
            text_hash=f"d{i}",
        )
    for i, email in enumerate(["ida@mail.dk", "Ida@Mail.dk"]):
        Review.objects.create(
            clinic=clinic,
            rating=4,
            text="t",
            author_name="n",
            email=email,
            status="pending",
            text_hash=f"r{i}",
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from nerveguide.clinics.models import Review as Current

    rows = list(Current.objects.order_by("pk").values_list("email", "status"))
    assert len(rows) == 5  # nothing deleted
    assert len({email for email, _ in rows[:3]}) == 3  # demo reviews got their own addresses
    assert rows[3:] == [("ida@mail.dk", "pending"), ("Ida@Mail.dk", "rejected")]
