"""Helpers shared by the SQLite and PostgreSQL halves of the Swedish search backend."""

# Every result row carries the number of matches in this extra column (a window function),
# so that one query answers both "which ten" and "how many" (kommunwebb.search.query).
TOTAL_FIELD = "_search_total"


def has_integer_pk(model) -> bool:
    """Whether the model's primary key is an integer (a multi-table child's pk is its
    parent link, followed to the parent's). The fast paths join on it."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return field.get_internal_type() in {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
    }
