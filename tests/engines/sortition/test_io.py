"""Reading the Sortition Foundation's quota and people files, and refusing bad ones clearly."""

from __future__ import annotations

import io

import pytest

from delaktig.engines.errors import EngineInputError
from delaktig.engines.sortition import Quota, read_people, read_quotas

from .conftest import SHARED_DATA, shared


def quotas_from(text: str):
    return read_quotas(io.StringIO(text), name="quotas.csv")


def people_from(text: str, quotas, **options):
    return read_people(io.StringIO(text), quotas, name="people.csv", **options)


@pytest.mark.parametrize(
    "header",
    ["feature,value,min,max", "category,name,min,max", "category,feature,min,max", "Feature , Value,MIN,Max"],
)
def test_each_quota_layout_reads_the_same(header):
    quotas = quotas_from(f"{header}\ngender,female,1,2\ngender,male,1,2\n")
    assert quotas.rows == (Quota("gender", "female", 1, 2), Quota("gender", "male", 1, 2))


def test_flex_columns_are_read_and_extra_columns_ignored():
    quotas = quotas_from(
        "\ufefffeature,value,min,max,min_flex,max_flex,Current #,suggest min\n"
        "age,young,2,3,1,5,7,2\nage,old,0,3,0,4,,\n"
    )
    assert quotas.rows[0] == Quota("age", "young", 2, 3, 1, 5)
    assert quotas.rows[1].max_flex == 4


def test_the_sa_fixture_quota_file_reads_with_its_zero_quota_row():
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared sortition data not found at {SHARED_DATA}")
    quotas = read_quotas(SHARED_DATA / "sa_fixture" / "features.csv")
    assert quotas.features == ("Gender", "age_bracket", "edu_level", "geo_bucket")
    assert Quota("age_bracket", "0-15", 0, 0, 0, 0) in quotas.rows


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feature,value,min,max\ng,a,3,2\n", "quotas.csv, line 2 (g/a): min 3 is above max 2"),
        ("feature,value,min,max\ng,a,x,2\n", "quotas.csv, line 2 (g/a): min 'x' is not a whole number"),
        ("feature,value,min,max\ng,a,1,2\ng,A,1,2\n", "quotas.csv, line 3: g/A is already given on line 2"),
        ("feature,value,min\ng,a,1\n", "quotas.csv, line 1: the column 'max' is missing"),
        ("name,min,max\na,1,2\n", "quotas.csv, line 1: expected columns feature,value,min,max"),
        ("feature,value,min,max,min_flex,max_flex\ng,a,1,2,2,3\n", "min_flex 2 is above min 1"),
        ("feature,value,min,max\ng,,1,2\n", "quotas.csv, line 2: the value of feature 'g' is empty"),
    ],
)
def test_bad_quota_files_name_the_line_and_the_problem(text, message):
    with pytest.raises(EngineInputError) as error:
        quotas_from(text)
    assert message in str(error.value)


QUOTAS = "feature,value,min,max\ngender,female,1,2\ngender,male,1,2\nage,young,0,2\nage,old,0,2\n"


def test_people_values_match_quotas_ignoring_case_and_spaces_and_extra_columns():
    quotas = quotas_from(QUOTAS)
    pool = people_from("id,name,Gender,AGE,email\n1,Ann, Female ,OLD,a@x\n2,Bo,male,young,b@x\n", quotas)
    assert pool.ids == ("1", "2")
    assert pool.values == (("female", "old"), ("male", "young"))
    assert pool.households == ()


def test_id_column_defaults_to_the_first_and_can_be_named():
    quotas = quotas_from(QUOTAS)
    pool = people_from("gender,age,pid\nfemale,old,x1\n", quotas, id_column="pid")
    assert pool.ids == ("x1",)


def test_address_columns_make_households_ignoring_case():
    quotas = quotas_from(QUOTAS)
    text = "id,gender,age,street,zip\n1,female,old,Main 1,411\n2,male,old,MAIN 1,411\n3,male,young,Side 2,411\n"
    pool = people_from(text, quotas, address_columns=["street", "zip"])
    assert pool.households[0] == pool.households[1] != pool.households[2]


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        (
            "id,gender,age\n1,female,old\n2,other,old\n",
            {},
            "people.csv, line 3: column 'gender' has value 'other', which has no row for feature 'gender'",
        ),
        ("id,gender,age\n1,female,\n", {}, "people.csv, line 2: column 'age' has an empty value"),
        ("id,gender\n1,female\n", {}, "people.csv, line 1: quota feature 'age' is not a column of this file"),
        ("id,gender,age\n1,female,old\n1,male,old\n", {}, "people.csv, line 3: id '1' is already used on line 2"),
        ("id,gender,age\n,female,old\n", {}, "people.csv, line 2: the id column 'id' is empty"),
        ("id,gender,age\n1,female,old\n", {"id_column": "pid"}, "id column 'pid' is not a column"),
        ("id,gender,age\n1,female,old\n", {"address_columns": ["street"]}, "address column 'street' is not"),
    ],
)
def test_bad_people_files_name_the_line_and_the_problem(text, options, message):
    with pytest.raises(EngineInputError) as error:
        people_from(text, quotas_from(QUOTAS), **options)
    assert message in str(error.value)


def test_a_missing_file_is_an_os_error_the_cli_reports(tmp_path):
    with pytest.raises(OSError):
        read_quotas(tmp_path / "missing.csv")


@pytest.mark.parametrize("name", ["example_small_20", "example_large_200", "sa_fixture"])
def test_shared_instances_read_completely(name):
    pool, _, _ = shared(name)
    assert len(pool) in (200, 2000, 150)
    assert len(set(pool.ids)) == len(pool)


def test_people_without_an_address_share_no_household():
    quotas = quotas_from(QUOTAS)
    text = "id,gender,age,street,zip\n1,female,old,,\n2,male,old,,\n3,male,young,Side 2,411\n"
    pool = people_from(text, quotas, address_columns=["street", "zip"])
    assert pool.households[:2] == (None, None)
