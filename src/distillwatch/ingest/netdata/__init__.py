"""Network and e-mail lists shipped with distillwatch (data files; see ATTRIBUTION.md)."""
