"""Posts, comments, reactions, follows, mutes and the member's chronological feed."""
