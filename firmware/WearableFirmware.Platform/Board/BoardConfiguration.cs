namespace WearableFirmware.Platform.Board
{
    /// <summary>
    /// Every pin and board constant in one place. <see cref="DevKitV1"/> is the reference build (ESP32-DevKitC /
    /// DevKit V1 with breakout modules, see hardware-notes/wiring.md); a custom board changes only this file.
    /// </summary>
    public sealed class BoardConfiguration
    {
        /// <summary>I2C controller used for both sensors (nanoFramework bus id 1 = ESP32 I2C0 pins via I2C1_*).</summary>
        public int I2cBusId;

        public int I2cDataPin;

        public int I2cClockPin;

        /// <summary>MAX30102 INT (open drain, active low; module pull-up).</summary>
        public int PpgInterruptPin;

        /// <summary>ADXL345 INT1: FIFO watermark/overrun (push-pull, active high).</summary>
        public int MotionDataInterruptPin;

        /// <summary>ADXL345 INT2: free fall, activity, inactivity, double tap; an RTC GPIO so it can wake the board.</summary>
        public int MotionEventInterruptPin;

        /// <summary>User button, active low with the internal pull-up; must be an RTC GPIO to wake from deep sleep.</summary>
        public int ButtonPin;

        /// <summary>Vibration motor driver transistor (active high).</summary>
        public int VibrationPin;

        /// <summary>Piezo buzzer, driven with PWM.</summary>
        public int BuzzerPin;

        public int StatusLedPin;

        /// <summary>nanoFramework ADC1 channel of the battery divider tap.</summary>
        public int BatteryAdcChannel;

        /// <summary>Battery voltage = ADC pin voltage × this ratio (R1 + R2) / R2.</summary>
        public float BatteryDividerRatio;

        /// <summary>Full-scale ADC input voltage at the configured attenuation (11 dB on ESP32: about 3.1 V usable).</summary>
        public float AdcFullScaleVolts;

        /// <summary>ESP32-DevKitC with MAX30102 and ADXL345 breakouts on the default I2C pins.</summary>
        public static BoardConfiguration DevKitV1()
        {
            BoardConfiguration board = new BoardConfiguration();
            board.I2cBusId = 1;
            board.I2cDataPin = 21;
            board.I2cClockPin = 22;
            board.PpgInterruptPin = 4;     // RTC GPIO: A_FULL can wake the ESP32
            board.MotionDataInterruptPin = 35;  // input-only GPIO
            board.MotionEventInterruptPin = 27; // RTC GPIO: free-fall/activity/double tap can wake the ESP32
            board.ButtonPin = 0;          // the DevKit's BOOT button: RTC GPIO 11, can wake from deep sleep
            board.VibrationPin = 25;
            board.BuzzerPin = 26;
            board.StatusLedPin = 2;       // the DevKit's blue LED
            board.BatteryAdcChannel = 6;  // ADC1_CH6 = GPIO34 (input only, no pull-ups: fine for a divider)
            board.BatteryDividerRatio = 2.0f; // 100 kΩ / 100 kΩ
            board.AdcFullScaleVolts = 3.1f;
            return board;
        }
    }
}
