"""The app's widgets: each receives immutable values from the app and posts small messages back."""
