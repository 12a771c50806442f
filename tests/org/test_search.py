from thidua.org import search
from thidua.org.models import Person, PersonNameKey


def found(query):
    return set(search.filter_by_name(Person.objects.all(), query).values_list("full_name", flat=True))


def test_name_keys_follow_renames(world):
    person = world.people["canbo"]
    person.full_name = "Nguyễn Văn Bảo"
    person.save()
    assert set(PersonNameKey.objects.filter(person=person).values_list("key", flat=True)) == {
        "nguyen van bao", "van bao", "bao",
    }
    assert "Nguyễn Văn Bảo" in found("van bao")
    assert "Nguyễn Văn Bảo" not in found("van an")


def test_rare_and_common_queries_give_the_same_answer_through_both_paths(world, monkeypatch):
    expected_common = found("nguyen")
    expected_rare = found("dang thi hong")
    monkeypatch.setattr(search, "ID_CAP", 1)  # force the name-order walk
    assert found("nguyen") == expected_common == {"Nguyễn Văn An", "Nguyễn Thị Lan", "Nguyễn Văn Anh"}
    assert found("dang thi hong") == expected_rare == {"Đặng Thị Hồng"}


def test_query_must_start_a_word(world):
    assert found("guyen") == set()
    assert found("thi lan") == {"Nguyễn Thị Lan"}
