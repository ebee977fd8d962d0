from django.contrib import admin

from delaktig.accounts.models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    list_filter = ["is_staff", "is_active"]
    fields = ["email", "display_name", "is_staff", "is_active", "date_joined", "deleted_at"]
    readonly_fields = ["date_joined", "deleted_at"]
    inlines = [RoleInline]
