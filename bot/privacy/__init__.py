"""Privacy: what is stored about a worker, and what never is."""

# Set by an action when the worker deletes the chat (or quick-exits); the tracker store
# then erases the conversation instead of saving it. Kept here so the action server
# need not import the Rasa server's modules.
ERASE_SLOT = "erase_conversation"
