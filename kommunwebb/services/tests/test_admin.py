"""Editors create service areas, service pages and e-services in the admin: in Swedish, and
a contradictory e-service gets a clear message, not a 500 and not half a save."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kommunwebb.home.models import HomePage
from kommunwebb.services.models import EService, ServiceAreaPage, ServicePage


class ServiceAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Sundhamn", slug="sundhamn"))

    def setUp(self):
        self.login()

    def test_editors_can_create_an_area_and_a_service_in_it(self):
        self.assertCanCreate(
            self.home,
            ServiceAreaPage,
            nested_form_data(
                {
                    "title": "Barn och utbildning",
                    "slug": "barn-och-utbildning",
                    "intro": "Förskola och skola.",
                    "news_count": 3,
                    "body": streamfield([]),
                    "popular_links": inline_formset([]),
                    "contact_links": inline_formset([]),
                }
            ),
        )
        area = ServiceAreaPage.objects.get(slug="barn-och-utbildning")
        eservice = EService.objects.create(
            name="Ansök om plats", url="https://e-tjanster.kommun.example/forskola/"
        )
        self.assertCanCreate(
            area,
            ServicePage,
            nested_form_data(
                {
                    "title": "Ansök om plats i förskola",
                    "slug": "forskola",
                    "intro": "Från ett års ålder.",
                    "eservice": eservice.pk,
                    "who": rich_text("<p>Vårdnadshavare.</p>"),
                    "how": rich_text("<ol><li>Logga in.</li></ol>"),
                    "cost": rich_text("<p>Maxtaxa.</p>"),
                    "processing_time": "Fyra månader.",
                    "body": streamfield([]),
                    "contact_links": inline_formset([]),
                    "related_links": inline_formset([]),
                }
            ),
        )

    def test_the_eservice_list_and_form_are_in_swedish(self):
        response = self.client.get(reverse("wagtailsnippets_services_eservice:add"))
        self.assertContains(response, "Adressen där e-tjänsten börjar")
        self.assertContains(response, "Kräver e-legitimation")
        response = self.client.get(reverse("wagtailsnippets_services_eservice:list"))
        self.assertEqual(response.status_code, 200)

    def test_an_eservice_with_both_address_and_page_is_refused_in_swedish(self):
        response = self.client.post(
            reverse("wagtailsnippets_services_eservice:add"),
            {
                "name": "Felanmälan",
                "description": "",
                "url": "https://e-tjanster.kommun.example/fel/",
                "page": self.home.pk,
                "support": "",
                "action-publish": "publish",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Fyll i antingen e-tjänstens adress eller en sida")
        self.assertFalse(EService.objects.exists())

    def test_publishing_an_eservice_from_the_admin_makes_it_available(self):
        self.client.post(
            reverse("wagtailsnippets_services_eservice:add"),
            {
                "name": "Boka lokal",
                "description": "Se lediga tider.",
                "url": "https://e-tjanster.kommun.example/boka/",
                "page": "",
                "support": "",
                "action-publish": "publish",
            },
        )
        eservice = EService.objects.get()
        self.assertTrue(eservice.live)
        self.assertEqual(list(EService.objects.available()), [eservice])
        # Saved as a draft, a new e-service is not shown anywhere.
        self.client.post(
            reverse("wagtailsnippets_services_eservice:add"),
            {
                "name": "Utkast",
                "description": "",
                "url": "https://e-tjanster.kommun.example/utkast/",
                "page": "",
                "support": "",
            },
        )
        self.assertEqual(list(EService.objects.available()), [eservice])
