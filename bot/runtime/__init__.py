"""Running Lotse: local secrets, the trained model, and the processes of `lotse run`."""
