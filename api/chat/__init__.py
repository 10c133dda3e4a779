"""The grounded chat behind POST /api/chat: built-in Dutch dialogue, optional LLM, output validation."""

from api.chat.dialogue import Message
from api.chat.service import ChatAnswer, ChatService, Citation

__all__ = ["ChatAnswer", "ChatService", "Citation", "Message"]
