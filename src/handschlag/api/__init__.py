"""The member API: /api/v1/, session and personal-token authentication, one router per app."""
