"""An activity run jointly by several units: a unit head's edit keeps the other units and their participants."""

from django.urls import reverse

from thidua.participation.models import Activity, ActivityStat

from .helpers import activity


def links_of(act):
    act = Activity.objects.get(pk=act.pk)
    return (set(act.units.values_list("name", flat=True)), set(act.people.values_list("full_name", flat=True)))


def edit_post(world, act, **changes):
    data = {"kind": act.kind, "title": act.title, "held_on": act.held_on.strftime("%d/%m/%Y"),
            "units": [world.transport.pk], "people": [world.people["canbo"].pk],
            "cash_value": "500.000", "in_kind_value": "300.000", "description": ""}
    data.update(changes)
    return data


def test_a_unit_head_editing_a_joint_activity_keeps_the_other_units_and_their_people(world, client):
    joint = activity(world, units=[world.transport, world.planning],
                     people=[world.people["canbo"], world.people["planning"]])
    before_units, before_people = links_of(joint)
    world.login(client, "truongphong")
    page = client.get(reverse("participation:activity_edit", args=[joint.pk])).content.decode()
    assert "Cùng tổ chức với: Phòng Kế hoạch - Tài chính" in page
    response = client.post(reverse("participation:activity_edit", args=[joint.pk]),
                           edit_post(world, joint, title="Thăm hỏi, tặng quà hộ nghèo"))
    assert response.status_code == 302
    units, people = links_of(joint)
    assert units == before_units and people == before_people
    assert Activity.objects.get(pk=joint.pk).title == "Thăm hỏi, tặng quà hộ nghèo"
    # the planning division still counts the activity among its own
    assert ActivityStat.objects.get(unit=world.planning, year=2024, item_key=0).activities == 1


def test_the_unit_head_still_changes_his_own_units_participants(world, client):
    joint = activity(world, units=[world.transport, world.planning],
                     people=[world.people["canbo"], world.people["planning"]])
    world.login(client, "truongphong")
    client.post(reverse("participation:activity_edit", args=[joint.pk]),
                edit_post(world, joint, people=[world.people["canbo2"].pk]))
    units, people = links_of(joint)
    assert people == {world.people["canbo2"].full_name, world.people["planning"].full_name}
    assert units == {world.transport.name, world.planning.name}


def test_a_bad_edit_of_a_joint_activity_changes_nothing(world, client):
    joint = activity(world, units=[world.transport, world.planning],
                     people=[world.people["canbo"], world.people["planning"]])
    before = links_of(joint)
    world.login(client, "truongphong")
    response = client.post(reverse("participation:activity_edit", args=[joint.pk]),
                           edit_post(world, joint, held_on="31/02/2024", title="Đổi tên"))
    assert response.status_code == 200
    assert links_of(joint) == before and Activity.objects.get(pk=joint.pk).title == "Thăm hỏi hộ nghèo"
