"""From the login page to the public movement pages: launched and closed movements only, no drafts, no sign-in."""

from django.urls import reverse

from thidua.movements import services
from thidua.movements.enums import MovementKind, MovementStatus


def test_the_login_page_links_to_the_public_list_which_shows_launched_movements_only(world, client, movement):
    draft = services.create_movement(
        actor=world.users["vanphong"], agency=world.agency, code="du-thao-2027", name="Phong trào còn dự thảo",
        kind=MovementKind.REGULAR, start_year=2027, end_year=2027,
    )
    login = client.get(reverse("login")).content.decode()
    index = reverse("public:public_list")
    assert f'href="{index}"' in login
    assert "Các phong trào thi đua đã phát động" in login

    assert "Chưa có phong trào nào được công bố." in client.get(index).content.decode()
    services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)
    page = client.get(index).content.decode()
    assert reverse("public:public", args=[movement.code]) in page
    assert draft.name not in page and reverse("public:public", args=[draft.code]) not in page
    assert client.get(reverse("public:public", args=[movement.code])).status_code == 200
    assert client.get(reverse("public:public", args=[draft.code])).status_code == 404
