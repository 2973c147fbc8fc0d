"""What the interviews say directly: CX metrics per touchpoint and segment (CSI, top-2-box, NPS,
CES) with their intervals, and comparisons between segments."""
