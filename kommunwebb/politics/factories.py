import factory
import wagtail_factories

from .models import CommitteePage


class CommitteePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nämnd {n}")
    intro = "Vad nämnden beslutar om."

    class Meta:
        model = CommitteePage
