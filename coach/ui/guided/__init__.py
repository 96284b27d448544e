"""A guided routine on screen: the flow from choosing it to rating it, the step panel with
its drawing, the pressure slider, and the prompts (safety checklist, stop question,
ease-off, ratings).
"""
