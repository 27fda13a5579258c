namespace Kiosk.Firmware.Core.Crypto
{
    /// <summary>Incremental SHA-256 (FIPS 180-4) with preallocated state, because nanoFramework has no System.Security.Cryptography.</summary>
    public sealed class Sha256
    {
        /// <summary>Length of a digest in bytes.</summary>
        public const int HashLength = 32;

        private static readonly uint[] K = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _block = new byte[64];
        private int _blockUsed;
        private long _totalBytes;

        /// <summary>Creates a hasher ready for <see cref="Update"/>.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>Starts a new digest, forgetting anything hashed so far.</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667; _state[1] = 0xbb67ae85; _state[2] = 0x3c6ef372; _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f; _state[5] = 0x9b05688c; _state[6] = 0x1f83d9ab; _state[7] = 0x5be0cd19;
            _blockUsed = 0;
            _totalBytes = 0;
            System.Array.Clear(_block, 0, 64);
        }

        /// <summary>Hashes <paramref name="count"/> more bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _totalBytes += count;
            while (count > 0)
            {
                int take = 64 - _blockUsed;
                if (take > count)
                {
                    take = count;
                }

                System.Array.Copy(data, offset, _block, _blockUsed, take);
                _blockUsed += take;
                offset += take;
                count -= take;
                if (_blockUsed == 64)
                {
                    Compress();
                    _blockUsed = 0;
                }
            }
        }

        /// <summary>Writes the 32-byte digest to <paramref name="output"/> at <paramref name="offset"/> and resets the hasher.</summary>
        public void Final(byte[] output, int offset)
        {
            long bits = _totalBytes * 8;
            _block[_blockUsed++] = 0x80;
            if (_blockUsed > 56)
            {
                System.Array.Clear(_block, _blockUsed, 64 - _blockUsed);
                Compress();
                _blockUsed = 0;
            }

            System.Array.Clear(_block, _blockUsed, 56 - _blockUsed);
            for (int i = 0; i < 8; i++)
            {
                _block[63 - i] = (byte)(bits >> (8 * i));
            }

            Compress();
            for (int i = 0; i < 8; i++)
            {
                uint v = _state[i];
                output[offset + (4 * i)] = (byte)(v >> 24);
                output[offset + (4 * i) + 1] = (byte)(v >> 16);
                output[offset + (4 * i) + 2] = (byte)(v >> 8);
                output[offset + (4 * i) + 3] = (byte)v;
            }

            Reset();
        }

        /// <summary>One-shot digest of a byte range into <paramref name="output"/>.</summary>
        public void Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Reset();
            Update(data, offset, count);
            Final(output, outputOffset);
        }

        private static uint Rotr(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }

        private void Compress()
        {
            uint[] w = _w;
            for (int i = 0; i < 16; i++)
            {
                int j = 4 * i;
                w[i] = ((uint)_block[j] << 24) | ((uint)_block[j + 1] << 16) | ((uint)_block[j + 2] << 8) | _block[j + 3];
            }

            for (int i = 16; i < 64; i++)
            {
                uint x = w[i - 15];
                uint y = w[i - 2];
                uint s0 = Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);
                uint s1 = Rotr(y, 17) ^ Rotr(y, 19) ^ (y >> 10);
                w[i] = unchecked(w[i - 16] + s0 + w[i - 7] + s1);
            }

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int i = 0; i < 64; i++)
            {
                uint t1 = unchecked(h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]);
                uint t2 = unchecked((Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c)));
                h = g;
                g = f;
                f = e;
                e = unchecked(d + t1);
                d = c;
                c = b;
                b = a;
                a = unchecked(t1 + t2);
            }

            _state[0] = unchecked(_state[0] + a); _state[1] = unchecked(_state[1] + b);
            _state[2] = unchecked(_state[2] + c); _state[3] = unchecked(_state[3] + d);
            _state[4] = unchecked(_state[4] + e); _state[5] = unchecked(_state[5] + f);
            _state[6] = unchecked(_state[6] + g); _state[7] = unchecked(_state[7] + h);
        }
    }
}
