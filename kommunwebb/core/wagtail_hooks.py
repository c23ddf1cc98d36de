from wagtail import hooks

from .rich_text import ExternalLinkHandler


@hooks.register("register_rich_text_features")
def mark_external_links(features):
    features.register_link_type(ExternalLinkHandler)
