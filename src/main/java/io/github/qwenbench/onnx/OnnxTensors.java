package io.github.qwenbench.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies between the suites' arrays (DJL's, in the PyTorch engine) and ONNX Runtime's tensors: the
 * inputs go in as direct native-order buffers that ONNX Runtime uses in place, the outputs come back as
 * one copy each.
 */
final class OnnxTensors {

    private OnnxTensors() {
    }

    /** An ONNX Runtime tensor with the array's values, type and shape. */
    static OnnxTensor of(NDArray array) throws OrtException {
        OnnxJavaType type = type(array.getDataType());
        ByteBuffer values = array.toByteBuffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(values.remaining()).order(ByteOrder.nativeOrder());
        direct.put(values.order(ByteOrder.nativeOrder())).flip();
        return OnnxTensor.createTensor(OrtRuntime.environment(), direct, array.getShape().getShape(), type);
    }

    /** The tensor's values as an array of {@code manager}, named {@code name}. */
    static NDArray toArray(OnnxTensor tensor, String name, NDManager manager) {
        ByteBuffer bytes = tensor.getByteBuffer().order(ByteOrder.nativeOrder());
        NDArray array = manager.create(bytes, new Shape(tensor.getInfo().getShape()), dataType(tensor.getInfo().type));
        array.setName(name);
        return array;
    }

    static OnnxJavaType type(DataType type) {
        return switch (type) {
            case FLOAT32 -> OnnxJavaType.FLOAT;
            case FLOAT64 -> OnnxJavaType.DOUBLE;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case BFLOAT16 -> OnnxJavaType.BFLOAT16;
            case INT64 -> OnnxJavaType.INT64;
            case INT32 -> OnnxJavaType.INT32;
            case INT8 -> OnnxJavaType.INT8;
            case UINT8 -> OnnxJavaType.UINT8;
            case BOOLEAN -> OnnxJavaType.BOOL;
            default -> throw new IllegalArgumentException("ONNX Runtime takes no " + type + " tensors from this plugin");
        };
    }

    static DataType dataType(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> DataType.FLOAT32;
            case DOUBLE -> DataType.FLOAT64;
            case FLOAT16 -> DataType.FLOAT16;
            case BFLOAT16 -> DataType.BFLOAT16;
            case INT64 -> DataType.INT64;
            case INT32 -> DataType.INT32;
            case INT8 -> DataType.INT8;
            case UINT8 -> DataType.UINT8;
            case BOOL -> DataType.BOOLEAN;
            default -> throw new IllegalArgumentException("an output of type " + type + " cannot be compared");
        };
    }
}
