import PHRSandbox
print("phr-sandbox 0.1.0")
