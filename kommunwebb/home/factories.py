import wagtail_factories

from kommunwebb.home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Sundhamns kommun"
    intro = "Här hittar du nyheter, evenemang och kontaktuppgifter."

    class Meta:
        model = HomePage
