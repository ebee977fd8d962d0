from django.contrib import admin

from delaktig.city.models import Area, Committee, District, Office, OpeningHours


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    inlines = [DistrictInline]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "active"]
    list_filter = ["kind", "area", "active"]
    search_fields = ["name", "name_en"]
    readonly_fields = ["max_members", "max_substitutes"]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "area"]
    inlines = [OpeningHoursInline]
