// Shared by the MSBuild task in TorchSharpCompat.targets and by ctk (whose `doctor` reports whether the fix was
// applied; the tests use ctk's copy), so there is one implementation.
// TorchSharp's libLibTorchSharp.so declares a hard need for GLIBCXX_3.4.32, although the only symbol bound
// to that version (std::ios_base_library_init) is never relocated. Marking that need weak (VER_FLG_WEAK)
// lets the loader accept an older libstdc++ with a warning instead of failing. See DESIGN.md §4.
using System;
using System.IO;
using System.Text;

namespace ClassifierToolkit.Build
{
    public enum ElfPatchOutcome { Patched, AlreadyPatched, NotNeeded }

    public static class ElfVersionNeedPatcher
    {
        public const string MissingVersion = "GLIBCXX_3.4.32";
        public const ushort VerFlagWeak = 0x2;
        private const uint SectionTypeGnuVerNeed = 0x6ffffffe;

        /// <summary>True when a libstdc++ on this machine defines the given symbol version.</summary>
        public static bool SystemLibStdCxxHas(string version)
        {
            string[] candidates =
            {
                "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
                "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            };
            foreach (var path in candidates)
            {
                if (!File.Exists(path)) continue;
                var bytes = File.ReadAllBytes(path);
                var needle = Encoding.ASCII.GetBytes(version + "\0");
                return IndexOf(bytes, needle) >= 0;
            }
            return true; // Not a glibc Linux we know: nothing to patch.
        }

        /// <summary>Reads the vna_flags of the version need named <paramref name="version"/>, or null when absent.</summary>
        public static ushort? ReadVersionNeedFlags(string elfPath, string version)
        {
            var bytes = File.ReadAllBytes(elfPath);
            int offset = FindVernauxFlagsOffset(bytes, version);
            return offset < 0 ? (ushort?)null : BitConverter.ToUInt16(bytes, offset);
        }

        /// <summary>Sets VER_FLG_WEAK on the version need; writes through a temporary file and a rename.</summary>
        public static ElfPatchOutcome MarkVersionNeedWeak(string elfPath, string version)
        {
            var bytes = File.ReadAllBytes(elfPath);
            int offset = FindVernauxFlagsOffset(bytes, version);
            if (offset < 0) return ElfPatchOutcome.NotNeeded;
            ushort flags = BitConverter.ToUInt16(bytes, offset);
            if ((flags & VerFlagWeak) != 0) return ElfPatchOutcome.AlreadyPatched;
            flags |= VerFlagWeak;
            bytes[offset] = (byte)(flags & 0xff);
            bytes[offset + 1] = (byte)(flags >> 8);
            var temp = elfPath + ".patching";
            File.WriteAllBytes(temp, bytes);
            File.Replace(temp, elfPath, null);
            return ElfPatchOutcome.Patched;
        }

        // Walks ELF64 little-endian section headers to .gnu.version_r, then its Verneed/Vernaux chains.
        private static int FindVernauxFlagsOffset(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("Not an ELF file.");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");
            long sectionHeaders = BitConverter.ToInt64(elf, 0x28);
            int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3A);
            int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
            for (int i = 0; i < sectionCount; i++)
            {
                int header = checked((int)(sectionHeaders + (long)i * sectionHeaderSize));
                if (BitConverter.ToUInt32(elf, header + 4) != SectionTypeGnuVerNeed) continue;
                int needOffset = checked((int)BitConverter.ToInt64(elf, header + 0x18));
                int linkedStrings = (int)BitConverter.ToUInt32(elf, header + 0x28);
                int stringsHeader = checked((int)(sectionHeaders + (long)linkedStrings * sectionHeaderSize));
                int strings = checked((int)BitConverter.ToInt64(elf, stringsHeader + 0x18));
                return FindInVerneedChain(elf, needOffset, strings, version);
            }
            return -1;
        }

        private static int FindInVerneedChain(byte[] elf, int need, int strings, string version)
        {
            while (true)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (int j = 0; j < auxCount; j++)
                {
                    int name = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadCString(elf, name) == version) return aux + 4; // vna_flags follows the 4-byte vna_hash
                    uint nextAux = BitConverter.ToUInt32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += (int)nextAux;
                }
                uint nextNeed = BitConverter.ToUInt32(elf, need + 12);
                if (nextNeed == 0) return -1;
                need += (int)nextNeed;
            }
        }

        private static string ReadCString(byte[] bytes, int start)
        {
            int end = start;
            while (end < bytes.Length && bytes[end] != 0) end++;
            return Encoding.ASCII.GetString(bytes, start, end - start);
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i <= haystack.Length - needle.Length; i++)
            {
                int k = 0;
                while (k < needle.Length && haystack[i + k] == needle[k]) k++;
                if (k == needle.Length) return i;
            }
            return -1;
        }
    }
}

#if !CTK_ELF_PATCHER_ONLY
namespace ClassifierToolkit.Build
{
    using Microsoft.Build.Framework;
    using Microsoft.Build.Utilities;

    /// <summary>MSBuild task: patches every libLibTorchSharp.so under <see cref="Directory"/> when the system needs it,
    /// or always with <see cref="Portable"/>.</summary>
    public sealed class PatchLibTorchSharpVersionNeed : Task
    {
        [Required] public string Directory { get; set; } = "";

        /// <summary>Patch even where this machine's libstdc++ has the version: the folder (a publish output, a tool package's
        /// content) will run on machines this build cannot see. A weak need costs nothing where the version exists.</summary>
        public bool Portable { get; set; }

        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory)) return true;
            if (!Portable && ElfVersionNeedPatcher.SystemLibStdCxxHas(ElfVersionNeedPatcher.MissingVersion)) return true;
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                var outcome = ElfVersionNeedPatcher.MarkVersionNeedWeak(file, ElfVersionNeedPatcher.MissingVersion);
                if (outcome == ElfPatchOutcome.Patched)
                    Log.LogMessage(MessageImportance.High, "ClassifierToolkit: marked " + ElfVersionNeedPatcher.MissingVersion + " weak in " + file);
            }
            return true;
        }
    }
}
#endif
