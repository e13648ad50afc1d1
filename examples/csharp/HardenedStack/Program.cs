using HardenedStack;
using Pulumi;

return await Deployment.RunAsync(Platform.DefineAsync);
