"""On PostgreSQL the database itself refuses to change or delete audit log entries.

The one change allowed is what ``on_delete=SET_NULL`` does when a member's account is
deleted: ``moderator_id`` or ``subject_id`` becomes NULL and nothing else changes
(docs/moderation.md). SQLite has no such trigger; the model and its manager refuse there.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION moderation_action_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'moderation actions are append-only (delete refused)'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id
        OR NEW.action IS DISTINCT FROM OLD.action
        OR NEW.reason IS DISTINCT FROM OLD.reason
        OR NEW.target_model IS DISTINCT FROM OLD.target_model
        OR NEW.target_id IS DISTINCT FROM OLD.target_id
        OR NEW.changes::text IS DISTINCT FROM OLD.changes::text
        OR NEW.details::text IS DISTINCT FROM OLD.details::text
        OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR (NEW.moderator_id IS DISTINCT FROM OLD.moderator_id AND NEW.moderator_id IS NOT NULL)
        OR (NEW.subject_id IS DISTINCT FROM OLD.subject_id AND NEW.subject_id IS NOT NULL)
    THEN
        RAISE EXCEPTION 'moderation actions are append-only (only a deleted member''s id may be nulled)'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER moderation_action_append_only
    BEFORE UPDATE OR DELETE ON moderation_moderationaction
    FOR EACH ROW EXECUTE FUNCTION moderation_action_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS moderation_action_append_only ON moderation_moderationaction;
DROP FUNCTION IF EXISTS moderation_action_append_only();
"""


def forward(apps: object, schema_editor: object) -> None:
    if schema_editor.connection.vendor == "postgresql":  # type: ignore[attr-defined]
        schema_editor.execute(FORWARD)  # type: ignore[attr-defined]


def backward(apps: object, schema_editor: object) -> None:
    if schema_editor.connection.vendor == "postgresql":  # type: ignore[attr-defined]
        schema_editor.execute(BACKWARD)  # type: ignore[attr-defined]


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_audit_log")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
