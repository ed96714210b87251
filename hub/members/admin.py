"""Administrators manage people and roles here. Member data is not registered."""

from django.contrib import admin
from django.http import HttpRequest

from hub.accounts.models import User
from hub.core.admin import AdministratorModelAdmin
from hub.core.policies import platform
from hub.core.viewer import request_viewer
from hub.members.models import Role


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    fields = ("kind", "member", "organisation", "starts_on", "ends_on")

    # Roles are granted by invitation only (the secretariat invites; administrators invite administrators).
    readonly_fields = ("kind", "member", "organisation", "starts_on", "ends_on")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return platform.can_administer(request_viewer(request))

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(AdministratorModelAdmin):
    list_display = ("email", "full_name", "is_active", "date_joined")
    search_fields = ("email", "full_name")
    fields = ("email", "full_name", "is_active")
    inlines = [RoleInline]
