namespace WearableFirmware.Bench
{
    /// <summary>
    /// The sensor data the bench replays, generated (recordings stay outside the repository, and nanoCLR here has no
    /// file system): a wrist wearer at rest or walking, as the MAX30102 (red/IR ADC counts at 100 sps) and the
    /// ADXL345 (milli-g at 50 Hz) would deliver it. Integer arithmetic and a seeded LCG only, so .NET and nanoCLR
    /// generate the same samples bit for bit and the host's IL counts describe the interpreter's work.
    /// </summary>
    public sealed class BenchSignals
    {
        public const int PpgRateHz = 100;
        public const int MotionRateHz = 50;

        /// <summary>Seconds of data per scenario that the bench runs on both runtimes.</summary>
        public const int DefaultSeconds = 300;

        /// <summary>The scenarios, in the order the bench runs them.</summary>
        public static readonly string[] ScenarioNames = new string[] { "rest", "walk" };

        // Phase accumulators run over 0..PhaseOne (Q16 fixed point).
        private const int PhaseOne = 65536;

        private BenchSignals(string name, int seconds)
        {
            Name = name;
            Seconds = seconds;
            Red = new int[seconds * PpgRateHz];
            Ir = new int[seconds * PpgRateHz];
            Xmg = new int[seconds * MotionRateHz];
            Ymg = new int[seconds * MotionRateHz];
            Zmg = new int[seconds * MotionRateHz];
        }

        /// <summary>"rest" or "walk".</summary>
        public string Name { get; private set; }

        public int Seconds { get; private set; }

        public int[] Red { get; private set; }

        public int[] Ir { get; private set; }

        public int[] Xmg { get; private set; }

        public int[] Ymg { get; private set; }

        public int[] Zmg { get; private set; }

        /// <summary>Heart rate the pulse was generated at (beats per minute, mean).</summary>
        public int HeartRateBpm { get; private set; }

        /// <summary>Step rate of the gait (0 at rest).</summary>
        public int StepsPerMinute { get; private set; }

        /// <summary>Sitting still: 72 bpm with beat-to-beat variation, breathing, sensor noise; gravity on -Y.</summary>
        public static BenchSignals Rest(int seconds)
        {
            BenchSignals s = new BenchSignals("rest", seconds);
            s.HeartRateBpm = 72;
            s.GeneratePpg(new int[] { 82, 84, 83, 85, 81 }, 0, 0);
            s.GenerateMotion(0);
            return s;
        }

        /// <summary>
        /// Walking at 112 steps/min with the arm swinging: 100 bpm pulse plus a step-locked artefact in both PPG
        /// channels (blood and sensor seat move with each step), heel strikes and arm swing in the accelerometer.
        /// </summary>
        public static BenchSignals Walk(int seconds)
        {
            BenchSignals s = new BenchSignals("walk", seconds);
            s.HeartRateBpm = 100;
            s.StepsPerMinute = 112;
            s.GeneratePpg(new int[] { 59, 61, 60, 62, 58 }, 112, 600);
            s.GenerateMotion(112);
            return s;
        }

        public static BenchSignals Named(string name, int seconds)
        {
            return name == "walk" ? Walk(seconds) : Rest(seconds);
        }

        private void GeneratePpg(int[] periods, int stepsPerMinute, int artefactCounts)
        {
            const int upstroke = 12;
            const int breathSamples = 4 * PpgRateHz;
            uint lcg = 12345;
            int beat = 0;
            int phase = 0;
            int stepPhase = 0;
            int stepIncrement = PhaseOne * stepsPerMinute / (60 * PpgRateHz);
            for (int i = 0; i < Red.Length; i++)
            {
                lcg = lcg * 1103515245 + 12345;
                int noiseRed = (int)((lcg >> 16) % 41) - 20;
                lcg = lcg * 1103515245 + 12345;
                int noiseIr = (int)((lcg >> 16) % 41) - 20;

                // Blood volume over one beat, 0..1000: a fast systolic rise, then a quadratic run-off.
                int period = periods[beat % periods.Length];
                int shape;
                if (phase < upstroke)
                {
                    shape = phase * 1000 / upstroke;
                }
                else
                {
                    int left = period - phase;
                    int span = period - upstroke;
                    shape = 1000 * left * left / (span * span);
                }

                // Breathing moves the baseline by a triangle of +-1000 (per mille of its amplitude) every 4 s.
                int breath = Triangle(i % breathSamples * PhaseOne / breathSamples);
                int artefact = artefactCounts * Triangle(stepPhase) / 1000;
                Red[i] = 60000 - 405 * shape / 1000 + 110 * breath / 1000 + artefact * 3 / 4 + noiseRed;
                Ir[i] = 80000 - 1200 * shape / 1000 + 150 * breath / 1000 + artefact + noiseIr;
                phase++;
                if (phase == period)
                {
                    phase = 0;
                    beat++;
                }

                stepPhase = (stepPhase + stepIncrement) % PhaseOne;
            }
        }

        private void GenerateMotion(int stepsPerMinute)
        {
            uint lcg = 2024;
            int stepPhase = 0;
            int stepIncrement = PhaseOne * stepsPerMinute / (60 * MotionRateHz);
            int swingPhase = 0;
            for (int i = 0; i < Xmg.Length; i++)
            {
                lcg = lcg * 1103515245 + 12345;
                int noiseX = (int)((lcg >> 16) % 31) - 15;
                lcg = lcg * 1103515245 + 12345;
                int noiseY = (int)((lcg >> 16) % 31) - 15;
                lcg = lcg * 1103515245 + 12345;
                int noiseZ = (int)((lcg >> 16) % 31) - 15;
                int vertical = 0;
                int swing = 0;
                if (stepsPerMinute > 0)
                {
                    // Heel strike: a 600 mg spike over the first 15 % of the step, then 250 mg of unloading.
                    int p = stepPhase * 100 / PhaseOne;
                    vertical = p < 15 ? 600 * (15 - p) / 15 : p < 60 ? -250 : 0;
                    swing = 350 * Triangle(swingPhase) / 1000;
                }

                Xmg[i] = 120 + swing + noiseX;
                Ymg[i] = -990 - vertical + noiseY;
                Zmg[i] = 60 + swing / 3 + noiseZ;
                stepPhase = (stepPhase + stepIncrement) % PhaseOne;
                swingPhase = (swingPhase + stepIncrement / 2) % PhaseOne;
            }
        }

        // Triangle wave of a Q16 phase: -1000 at 0, +1000 at half, -1000 at one.
        private static int Triangle(int phase)
        {
            int half = PhaseOne / 2;
            return phase < half ? -1000 + 2000 * phase / half : 1000 - 2000 * (phase - half) / half;
        }
    }
}
