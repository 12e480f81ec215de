"""Military-exercise news to map and timeline: the offline pipeline.

Stages: load_articles -> find_toponyms -> extract_exercises -> merge ->
Dataset -> build_map / build_timeline / exports. Nothing here imports streamlit.
"""
