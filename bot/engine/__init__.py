"""The conversation engine: one interface, `reply(chat_id, user, text) -> Reply`, offline or with an LLM."""
