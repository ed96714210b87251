"""Administrators manage people and roles here. Member data is not registered."""

from django.contrib import admin

from hub.accounts.models import Role, User


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    fields = ("kind", "member", "organisation", "starts_on", "ends_on")


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "is_active", "date_joined")
    search_fields = ("email", "full_name")
    fields = ("email", "full_name", "is_active")
    inlines = [RoleInline]
