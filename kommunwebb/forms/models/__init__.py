from .pages import FormField, FormPage
from .submissions import Delivery, FormSubmission

__all__ = ["Delivery", "FormField", "FormPage", "FormSubmission"]
