import torch

model = torch.compile(torch.nn.Linear(4, 2).cuda())
print(model(torch.ones(4, device="cuda")))
