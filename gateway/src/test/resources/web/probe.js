// served by the test of the dashboard route
