from django.contrib import admin

from delaktig.accounts.models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    """Show roles read-only: they are given and taken on the staff roles page, through the audited services."""

    model = RoleAssignment
    extra = 0
    can_delete = False
    readonly_fields = ["role", "committee", "granted_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    list_filter = ["is_staff", "is_active"]
    fields = ["email", "display_name", "is_staff", "is_active", "date_joined", "deleted_at"]
    readonly_fields = ["date_joined", "deleted_at"]
    inlines = [RoleInline]
