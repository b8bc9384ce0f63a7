using WearableFirmware.Simulator;

return SimulatorCli.Run(args);
