"""End-to-end tests: the real `coach` process, under Xvfb or on Qt's offscreen platform."""
