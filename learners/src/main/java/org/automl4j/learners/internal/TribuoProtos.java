package org.automl4j.learners.internal;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.protos.core.ModelProto;

/**
 * Safe loading of Tribuo models from their protobuf form. Tribuo's {@code Model.deserialize} loads
 * (and initialises) whatever classes the protobuf names, top-level and nested (ensemble members,
 * feature and output domains, combiners, provenance). Before calling it, this class parses the whole
 * message tree, unpacking every {@code google.protobuf.Any} against the descriptors of the Tribuo and
 * OLCUT protobuf files, and refuses the bytes if the top-level class is not in the caller's allowlist,
 * if any nested class name lies outside the Tribuo and OLCUT-provenance namespaces, or if any packed
 * message type is unknown. No Java object deserialisation is involved. Internal; not API.
 */
public final class TribuoProtos {

    /** Namespaces a nested class name may come from. */
    static final List<String> NESTED_PREFIXES = List.of("org.tribuo.", "com.oracle.labs.mlrg.olcut.provenance.");
    private static final int MAX_DEPTH = 200;
    private static final TypeRegistry REGISTRY = TypeRegistry.newBuilder()
            .add(ModelProto.getDescriptor())
            .add(org.tribuo.protos.core.TribuoCoreImpl.getDescriptor().getMessageTypes())
            .add(org.tribuo.classification.protos.TribuoClassificationCore.getDescriptor().getMessageTypes())
            .add(org.tribuo.regression.protos.TribuoRegressionCore.getDescriptor().getMessageTypes())
            .add(org.tribuo.math.protos.TribuoMath.getDescriptor().getMessageTypes())
            .add(org.tribuo.math.protos.TribuoMathImpl.getDescriptor().getMessageTypes())
            .add(org.tribuo.common.liblinear.protos.TribuoLiblinear.getDescriptor().getMessageTypes())
            .add(org.tribuo.regression.slm.protos.TribuoRegressionSlm.getDescriptor().getMessageTypes())
            .add(org.tribuo.common.libsvm.protos.TribuoLibsvm.getDescriptor().getMessageTypes())
            .add(org.tribuo.classification.libsvm.protos.TribuoClassificationLibsvm.getDescriptor().getMessageTypes())
            .add(org.tribuo.regression.libsvm.protos.TribuoRegressionLibsvm.getDescriptor().getMessageTypes())
            .add(org.tribuo.common.nearest.protos.TribuoCommonKnn.getDescriptor().getMessageTypes())
            .add(org.tribuo.common.tree.protos.TribuoTree.getDescriptor().getMessageTypes())
            .add(org.tribuo.regression.rtree.protos.TribuoRegressionTree.getDescriptor().getMessageTypes())
            .add(org.tribuo.common.xgboost.protos.TribuoXgboost.getDescriptor().getMessageTypes())
            .build();

    private TribuoProtos() {
    }

    /**
     * Parses and checks {@code payload}, then deserialises it with Tribuo.
     *
     * @param allowedModelClasses the top-level model classes accepted
     * @throws IllegalArgumentException if the bytes are not a Tribuo model protobuf, or name a class
     *     outside the allowlist
     */
    public static org.tribuo.Model<?> deserialize(byte[] payload, Set<String> allowedModelClasses) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("corrupt model: the payload is not a Tribuo model protobuf (" + e.getMessage()
                    + ")", e);
        }
        if (!allowedModelClasses.contains(proto.getClassName())) {
            throw new IllegalArgumentException("refusing to load a model of class '" + proto.getClassName()
                    + "': this learner only produces " + allowedModelClasses);
        }
        for (Map.Entry<String, String> e : classNames(proto)) {
            String name = e.getValue();
            if (NESTED_PREFIXES.stream().noneMatch(name::startsWith)) {
                throw new IllegalArgumentException("refusing to load the model: field '" + e.getKey() + "' names class '"
                        + name + "', outside the Tribuo namespaces " + NESTED_PREFIXES);
            }
        }
        try {
            return org.tribuo.Model.deserialize(proto);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Tribuo could not read the model: " + e.getMessage(), e);
        }
    }

    /**
     * Every class-name field in the message tree, as (field name, value) pairs.
     *
     * @throws IllegalArgumentException if a packed message has an unknown type or the tree is too deep
     */
    static List<Map.Entry<String, String>> classNames(Message root) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        walk(root, 0, out);
        return out;
    }

    private static void walk(Message message, int depth, List<Map.Entry<String, String>> out) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("refusing to load the model: messages nested deeper than " + MAX_DEPTH);
        }
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            List<?> values = f.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
            for (Object v : values) {
                if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    Message child = (Message) v;
                    if (child.getDescriptorForType().getFullName().equals(Any.getDescriptor().getFullName())) {
                        child = unpack(child);
                    }
                    walk(child, depth + 1, out);
                } else if (f.getJavaType() == FieldDescriptor.JavaType.STRING && isClassField(f)
                        && !((String) v).isEmpty()) {
                    out.add(Map.entry(f.getFullName(), (String) v));
                }
            }
        }
    }

    /**
     * Fields that name a class Tribuo or OLCUT loads: {@code class_name}, {@code *_class_name}, and the
     * {@code additional} field of OLCUT's simple provenance, which holds an enum's class name.
     */
    private static boolean isClassField(FieldDescriptor f) {
        String name = f.getName();
        return name.equals("class_name") || name.endsWith("_class_name")
                || name.equals("additional") && f.getContainingType().getName().equals("SimpleProvenanceProto");
    }

    private static Message unpack(Message any) {
        String url = (String) any.getField(any.getDescriptorForType().findFieldByName("type_url"));
        com.google.protobuf.ByteString value = (com.google.protobuf.ByteString) any.getField(
                any.getDescriptorForType().findFieldByName("value"));
        Descriptor type;
        try {
            type = REGISTRY.getDescriptorForTypeUrl(url);
        } catch (InvalidProtocolBufferException e) {
            type = null;
        }
        if (type == null) {
            throw new IllegalArgumentException("refusing to load the model: it packs a message of unknown type '" + url
                    + "'");
        }
        try {
            return DynamicMessage.parseFrom(type, value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("corrupt model: cannot parse packed '" + url + "'", e);
        }
    }
}
