using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace WearableFirmware.Tests.NanoSubset;

/// <summary>
/// Reads a compiled portable assembly with System.Reflection.Metadata and lists everything in it that the stable
/// nanoFramework runtime (CoreLibrary 1.17, no generics) cannot run: generic instantiations and definitions,
/// multi-dimensional arrays, pointers (unsafe code), async state machines, and any reference to an outside type or
/// member that is not on the verified allowlist. References to the other portable assemblies are allowed (they pass
/// the same gate themselves).
/// </summary>
public static class NanoSubsetGate
{
    public static IReadOnlyList<string> Check(string assemblyPath, NanoApiAllowlist allowlist, ISet<string> portableAssemblyNames)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        return Check(pe, allowlist, portableAssemblyNames);
    }

    public static IReadOnlyList<string> Check(PEReader pe, NanoApiAllowlist allowlist, ISet<string> portableAssemblyNames)
    {
        MetadataReader md = pe.GetMetadataReader();
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var names = new SignatureNames();

        foreach (GenericParameterHandle h in GetAll(md, TableIndex.GenericParam, MetadataTokens.GenericParameterHandle))
        {
            GenericParameter p = md.GetGenericParameter(h);
            violations.Add($"generic definition: {DescribeOwner(md, p.Parent)} declares type parameter '{md.GetString(p.Name)}'");
        }

        foreach (TypeSpecificationHandle h in GetAll(md, TableIndex.TypeSpec, MetadataTokens.TypeSpecificationHandle))
        {
            string described = md.GetTypeSpecification(h).DecodeSignature(names, null);
            CheckDecoded(described, "type use", violations);
        }

        ISet<string> delegates = DelegateTypes(md, names);
        foreach (MethodSpecificationHandle h in GetAll(md, TableIndex.MethodSpec, MetadataTokens.MethodSpecificationHandle))
        {
            MethodSpecification spec = md.GetMethodSpecification(h);
            string target = DescribeMethodTarget(md, names, spec.Method);
            ImmutableArray<string> typeArguments = spec.DecodeSignature(names, null);
            if (target == EventAccessorHelper && typeArguments.All(delegates.Contains))
            {
                // Field-like event accessors; the nanoFramework build has no generic CompareExchange and compiles
                // them with Delegate.Combine/Remove instead.
                continue;
            }

            violations.Add($"generic method instantiation: {target}<{string.Join(",", typeArguments)}>");
        }

        foreach (TypeReferenceHandle h in md.TypeReferences)
        {
            string? assembly = ExternalAssemblyOf(md, h);
            if (assembly == null || portableAssemblyNames.Contains(assembly))
            {
                continue;
            }

            string full = names.GetTypeFromReference(md, h, 0);
            if (full.Contains('`'))
            {
                violations.Add($"generic type: {full}");
            }
            else if (!allowlist.ContainsType(full))
            {
                violations.Add($"type not in the nanoFramework allowlist: {full}");
            }

            if (full is "System.Runtime.CompilerServices.IAsyncStateMachine" or "System.Runtime.CompilerServices.AsyncStateMachineAttribute")
            {
                violations.Add("async method: async/await needs Task and a state machine nanoFramework does not have");
            }

            if (full is "System.Security.UnverifiableCodeAttribute")
            {
                violations.Add("unsafe pointer code: the module is marked unverifiable");
            }
        }

        foreach (MemberReferenceHandle h in md.MemberReferences)
        {
            MemberReference mr = md.GetMemberReference(h);
            string? parentType = ExternalParentType(md, names, mr.Parent, portableAssemblyNames);
            if (parentType == null)
            {
                continue;
            }

            string member = DescribeMember(md, names, mr, parentType);
            if (member.StartsWith("M:" + EventAccessorHelper + "(", StringComparison.Ordinal))
            {
                continue; // judged with its instantiation above
            }

            CheckDecoded(member, "member use", violations);
            if (!member.Contains('`') && !member.Contains('!') && !allowlist.ContainsMember(member))
            {
                violations.Add($"member not in the nanoFramework allowlist: {member}");
            }
        }

        foreach (FieldDefinitionHandle h in md.FieldDefinitions)
        {
            FieldDefinition f = md.GetFieldDefinition(h);
            CheckDecoded(f.DecodeSignature(names, null), $"field {md.GetString(f.Name)}", violations);
        }

        foreach (MethodDefinitionHandle h in md.MethodDefinitions)
        {
            MethodDefinition m = md.GetMethodDefinition(h);
            MethodSignature<string> sig = m.DecodeSignature(names, null);
            string where = $"method {md.GetString(md.GetTypeDefinition(m.GetDeclaringType()).Name)}.{md.GetString(m.Name)}";
            CheckDecoded(sig.ReturnType, where, violations);
            foreach (string p in sig.ParameterTypes)
            {
                CheckDecoded(p, where, violations);
            }

            if (m.RelativeVirtualAddress != 0)
            {
                MethodBodyBlock body = pe.GetMethodBody(m.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    foreach (string local in md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null))
                    {
                        CheckDecoded(local, where + " (local)", violations);
                    }
                }

                CheckInstructions(md, m, body, where, violations);
            }
        }

        return violations.ToList();
    }

    private const string EventAccessorHelper = "System.Threading.Interlocked::CompareExchange";

    // Operand size in bytes of every IL opcode (two-byte ones as 0xFE00 | second byte); InlineSwitch is variable.
    private static readonly Dictionary<int, System.Reflection.Emit.OperandType> Operands = typeof(System.Reflection.Emit.OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (System.Reflection.Emit.OpCode)f.GetValue(null)!)
        .ToDictionary(o => (int)(ushort)o.Value, o => o.OperandType);

    /// <summary>
    /// What the interpreter runs differently from .NET at the instruction level (tests/WearableFirmware.DeviceTests/
    /// Runtime): overflow-checked arithmetic does not trap on nanoCLR; and nanoCLR runs every static initialiser of an
    /// assembly at start-up in type order, so one that reads another type's statics (a field, or a method of a type
    /// that has them) may see their defaults.
    /// </summary>
    private static void CheckInstructions(MetadataReader md, MethodDefinition method, MethodBodyBlock body, string where, ISet<string> violations)
    {
        bool initialiser = md.GetString(method.Name) == ".cctor";
        TypeDefinitionHandle owner = method.GetDeclaringType();
        BlobReader il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            int code = il.ReadByte();
            if (code == 0xFE)
            {
                code = 0xFE00 | il.ReadByte();
            }

            System.Reflection.Emit.OperandType operand = Operands[code];
            ILOpCode op = (ILOpCode)code;
            if (op is >= ILOpCode.Conv_ovf_i1_un and <= ILOpCode.Conv_ovf_u_un || op is >= ILOpCode.Conv_ovf_i1 and <= ILOpCode.Conv_ovf_u8
                || op is ILOpCode.Conv_ovf_i or ILOpCode.Conv_ovf_u or ILOpCode.Add_ovf or ILOpCode.Add_ovf_un or ILOpCode.Mul_ovf
                    or ILOpCode.Mul_ovf_un or ILOpCode.Sub_ovf or ILOpCode.Sub_ovf_un)
            {
                violations.Add($"checked arithmetic in {where} ({op}): nanoCLR does not trap overflow");
            }

            if (operand == System.Reflection.Emit.OperandType.InlineSwitch)
            {
                int targets = il.ReadInt32();
                il.Offset += 4 * targets;
                continue;
            }

            if (initialiser && (op is ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Call))
            {
                EntityHandle token = MetadataTokens.EntityHandle(il.ReadInt32());
                TypeDefinitionHandle target = token.Kind switch
                {
                    HandleKind.FieldDefinition => md.GetFieldDefinition((FieldDefinitionHandle)token).GetDeclaringType(),
                    HandleKind.MethodDefinition when op == ILOpCode.Call => md.GetMethodDefinition((MethodDefinitionHandle)token).GetDeclaringType(),
                    _ => owner,
                };
                if (target != owner && HasStaticFields(md, target))
                {
                    violations.Add($"static initialiser of {md.GetString(md.GetTypeDefinition(owner).Name)} reads {md.GetString(md.GetTypeDefinition(target).Name)}'s statics: "
                        + "nanoCLR runs static initialisers at start-up in type order, so it may read their defaults");
                }

                continue;
            }

            il.Offset += operand switch
            {
                System.Reflection.Emit.OperandType.InlineNone => 0,
                System.Reflection.Emit.OperandType.ShortInlineBrTarget or System.Reflection.Emit.OperandType.ShortInlineI
                    or System.Reflection.Emit.OperandType.ShortInlineVar => 1,
                System.Reflection.Emit.OperandType.InlineVar => 2,
                System.Reflection.Emit.OperandType.InlineI8 or System.Reflection.Emit.OperandType.InlineR => 8,
                _ => 4,
            };
        }
    }

    private static bool HasStaticFields(MetadataReader md, TypeDefinitionHandle type)
        => md.GetTypeDefinition(type).GetFields().Any(h =>
        {
            var attributes = md.GetFieldDefinition(h).Attributes;
            return (attributes & System.Reflection.FieldAttributes.Static) != 0 && (attributes & System.Reflection.FieldAttributes.Literal) == 0;
        });

    /// <summary>Delegate types the assembly defines, plus the allowlisted outside ones it may name.</summary>
    private static ISet<string> DelegateTypes(MetadataReader md, SignatureNames names)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { "System.EventHandler" };
        foreach (TypeDefinitionHandle h in md.TypeDefinitions)
        {
            TypeDefinition td = md.GetTypeDefinition(h);
            if (td.BaseType.Kind == HandleKind.TypeReference
                && names.GetTypeFromReference(md, (TypeReferenceHandle)td.BaseType, 0) == "System.MulticastDelegate")
            {
                result.Add(names.GetTypeFromDefinition(md, h, 0));
            }
        }

        return result;
    }

    private static void CheckDecoded(string described, string where, ISet<string> violations)
    {
        if (described.Contains('`') || described.Contains('!'))
        {
            violations.Add($"generic {where}: {described}");
        }

        if (described.Contains('*') || described.Contains("method-pointer"))
        {
            violations.Add($"unsafe pointer in {where}: {described}");
        }

        if (described.Contains("[,"))
        {
            violations.Add($"multi-dimensional array in {where}: {described} (nanoCLR supports only single-dimension arrays)");
        }
    }

    private static IEnumerable<T> GetAll<T>(MetadataReader md, TableIndex table, Func<int, T> handle)
    {
        int rows = md.GetTableRowCount(table);
        for (int row = 1; row <= rows; row++)
        {
            yield return handle(row);
        }
    }

    private static string? ExternalAssemblyOf(MetadataReader md, TypeReferenceHandle h)
    {
        EntityHandle scope = md.GetTypeReference(h).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
        {
            scope = md.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope.Kind == HandleKind.AssemblyReference
            ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : null;
    }

    private static string? ExternalParentType(MetadataReader md, SignatureNames names, EntityHandle parent, ISet<string> portable)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference:
                string? assembly = ExternalAssemblyOf(md, (TypeReferenceHandle)parent);
                return assembly == null || portable.Contains(assembly) ? null : names.GetTypeFromReference(md, (TypeReferenceHandle)parent, 0);
            case HandleKind.TypeSpecification:
                // Members of instantiated generics or of arrays; generics are reported from the TypeSpec table.
                return md.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(names, null);
            default:
                return null;
        }
    }

    private static string DescribeMember(MetadataReader md, SignatureNames names, MemberReference mr, string parentType)
    {
        string name = md.GetString(mr.Name);
        if (mr.GetKind() == MemberReferenceKind.Field)
        {
            return $"F:{parentType}::{name}";
        }

        MethodSignature<string> sig = mr.DecodeMethodSignature(names, null);
        return $"M:{parentType}::{name}({string.Join(",", sig.ParameterTypes)})";
    }

    private static string DescribeMethodTarget(MetadataReader md, SignatureNames names, EntityHandle method)
    {
        switch (method.Kind)
        {
            case HandleKind.MethodDefinition:
                MethodDefinition def = md.GetMethodDefinition((MethodDefinitionHandle)method);
                return $"{md.GetString(md.GetTypeDefinition(def.GetDeclaringType()).Name)}.{md.GetString(def.Name)}";
            case HandleKind.MemberReference:
                MemberReference mr = md.GetMemberReference((MemberReferenceHandle)method);
                string parent = mr.Parent.Kind switch
                {
                    HandleKind.TypeReference => names.GetTypeFromReference(md, (TypeReferenceHandle)mr.Parent, 0),
                    HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)mr.Parent).DecodeSignature(names, null),
                    _ => "?",
                };
                return $"{parent}::{md.GetString(mr.Name)}";
            default:
                return method.Kind.ToString();
        }
    }

    private static string DescribeOwner(MetadataReader md, EntityHandle owner) => owner.Kind switch
    {
        HandleKind.TypeDefinition => md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)owner).Name),
        HandleKind.MethodDefinition => md.GetString(md.GetMethodDefinition((MethodDefinitionHandle)owner).Name),
        _ => owner.Kind.ToString(),
    };

    /// <summary>Turns signatures into readable strings; generic parts carry '`' or '!' so callers can spot them.</summary>
    private sealed class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Boolean => "System.Boolean",
            PrimitiveTypeCode.Byte => "System.Byte",
            PrimitiveTypeCode.SByte => "System.SByte",
            PrimitiveTypeCode.Char => "System.Char",
            PrimitiveTypeCode.Int16 => "System.Int16",
            PrimitiveTypeCode.UInt16 => "System.UInt16",
            PrimitiveTypeCode.Int32 => "System.Int32",
            PrimitiveTypeCode.UInt32 => "System.UInt32",
            PrimitiveTypeCode.Int64 => "System.Int64",
            PrimitiveTypeCode.UInt64 => "System.UInt64",
            PrimitiveTypeCode.Single => "System.Single",
            PrimitiveTypeCode.Double => "System.Double",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.Object => "System.Object",
            PrimitiveTypeCode.String => "System.String",
            PrimitiveTypeCode.TypedReference => "System.TypedReference",
            PrimitiveTypeCode.Void => "System.Void",
            _ => typeCode.ToString(),
        };

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition td = reader.GetTypeDefinition(handle);
            string ns = reader.GetString(td.Namespace);
            string name = reader.GetString(td.Name);
            if (td.IsNested)
            {
                return GetTypeFromDefinition(reader, td.GetDeclaringType(), rawTypeKind) + "/" + name;
            }

            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference tr = reader.GetTypeReference(handle);
            string name = reader.GetString(tr.Name);
            if (tr.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return GetTypeFromReference(reader, (TypeReferenceHandle)tr.ResolutionScope, rawTypeKind) + "/" + name;
            }

            string ns = reader.GetString(tr.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "method-pointer";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
            => genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType + " pinned";
    }
}
