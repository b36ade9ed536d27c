"""The region view: many documents at once (measures × regions, targets side by side, the reuse
network, where a passage came from), beside the two-pane reader."""
