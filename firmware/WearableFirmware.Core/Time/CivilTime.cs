namespace WearableFirmware.Time
{
    /// <summary>
    /// Proleptic Gregorian civil date and time &lt;-&gt; seconds since 1970-01-01T00:00:00 (no leap seconds), by
    /// integer arithmetic on 400-year eras, valid for years 1 to 9999. Also the 7-byte Bluetooth Date Time field.
    /// </summary>
    public static class CivilTime
    {
        public const int MinYear = 1582;
        public const int MaxYear = 9999;
        private const long SecondsPerDay = 86400;

        /// <summary>Days from 1970-01-01 to the given date (negative before it).</summary>
        public static long DaysFromCivil(int year, int month, int day)
        {
            // Count years from March so the leap day is the last day of the counted year.
            long y = month <= 2 ? year - 1 : year;
            long era = (y >= 0 ? y : y - 399) / 400;
            long yearOfEra = y - era * 400;
            int shiftedMonth = month > 2 ? month - 3 : month + 9;
            long dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
            long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        public static long ToUnixSeconds(int year, int month, int day, int hour, int minute, int second)
        {
            return DaysFromCivil(year, month, day) * SecondsPerDay + hour * 3600 + minute * 60 + second;
        }

        /// <summary>Splits seconds since 1970 into its civil fields.</summary>
        public static void FromUnixSeconds(long unixSeconds, out int year, out int month, out int day, out int hour, out int minute, out int second)
        {
            long days = unixSeconds >= 0 ? unixSeconds / SecondsPerDay : -((-unixSeconds + SecondsPerDay - 1) / SecondsPerDay);
            long secondOfDay = unixSeconds - days * SecondsPerDay;
            hour = (int)(secondOfDay / 3600);
            minute = (int)(secondOfDay / 60 % 60);
            second = (int)(secondOfDay % 60);

            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long shiftedMonth = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
            month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }

        /// <summary>ISO day of week, 1 = Monday ... 7 = Sunday (the Bluetooth Day of Week numbering).</summary>
        public static int DayOfWeek(long unixSeconds)
        {
            long days = unixSeconds >= 0 ? unixSeconds / SecondsPerDay : -((-unixSeconds + SecondsPerDay - 1) / SecondsPerDay);
            long mondayBased = (days + 3) % 7; // 1970-01-01 was a Thursday
            if (mondayBased < 0)
            {
                mondayBased += 7;
            }

            return (int)mondayBased + 1;
        }

        public static bool IsLeapYear(int year)
        {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        }

        public static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                return IsLeapYear(year) ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        /// <summary>True for a real date and time of day with the year in the Bluetooth Date Time range 1582-9999.</summary>
        public static bool IsValid(int year, int month, int day, int hour, int minute, int second)
        {
            return year >= MinYear && year <= MaxYear && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month)
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
        }

        /// <summary>Writes the Bluetooth Date Time field (year uint16, month, day, hours, minutes, seconds); returns the offset after it.</summary>
        public static int WriteDateTime(byte[] buffer, int offset, long unixSeconds)
        {
            int year, month, day, hour, minute, second;
            FromUnixSeconds(unixSeconds, out year, out month, out day, out hour, out minute, out second);
            buffer[offset] = (byte)year;
            buffer[offset + 1] = (byte)(year >> 8);
            buffer[offset + 2] = (byte)month;
            buffer[offset + 3] = (byte)day;
            buffer[offset + 4] = (byte)hour;
            buffer[offset + 5] = (byte)minute;
            buffer[offset + 6] = (byte)second;
            return offset + 7;
        }
    }
}
