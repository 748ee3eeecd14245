"""The app's modal screens: forms, confirmations, choices and help; each returns its answer by dismiss()."""
