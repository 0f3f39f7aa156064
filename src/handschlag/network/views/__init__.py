"""Network pages, one module per area: sending requests, the inbox, connections."""
