from .content import ContactPerson, Download, Event, Image, NewsItem, Page
from .legal import AccessibilityStatement, FeedbackTicket, HomePage
from .revisions import PendingChange
from .users import User
from .vocabulary import Municipality, SpokenLanguage, TargetGroup, Topic, attach_terms

__all__ = [
    "AccessibilityStatement",
    "ContactPerson",
    "Download",
    "Event",
    "FeedbackTicket",
    "HomePage",
    "Image",
    "Municipality",
    "NewsItem",
    "PendingChange",
    "Page",
    "SpokenLanguage",
    "TargetGroup",
    "Topic",
    "attach_terms",
    "User",
]
