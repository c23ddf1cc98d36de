from django.apps import AppConfig


class PoliticsConfig(AppConfig):
    name = "kommunwebb.politics"
    label = "politics"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_deadline

        from .models import next_meeting_start

        # A meeting moves from "Kommande sammanträden" to the past ones when it starts.
        register_deadline(next_meeting_start)
