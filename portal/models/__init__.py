from .content import ContactPerson, Download, Event, Image, NewsItem, Page
from .legal import AccessibilityStatement, FeedbackTicket, HomePage
from .users import User
from .vocabulary import Municipality, TargetGroup, Topic

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
    "Page",
    "TargetGroup",
    "Topic",
    "User",
]
