package dev.roofline.analyzer.config;

/**
 * The keys that every grouped-query-attention family shares (mistral, qwen2, qwen3, mixtral,
 * qwen2_moe, qwen3_moe), {@code model_type} (lower-case) included, with one family's defaults
 * applied. {@code headDim} times {@code
 * numAttentionHeads} need not be {@code hiddenSize} (Qwen3).
 */
public record Decoder(
    String modelType,
    long vocabSize,
    long hiddenSize,
    long intermediateSize,
    long numHiddenLayers,
    long numAttentionHeads,
    long numKeyValueHeads,
    long headDim,
    Activation hiddenAct,
    DType dtype,
    boolean tieWordEmbeddings) {

  /**
   * The shared keys of {@code f}, with a family's defaults in the order of the key table of
   * families.md: vocabulary, hidden size, intermediate size, layers, heads, key/value heads, head
   * width (0: {@code hidden_size / num_attention_heads}); key/value heads 0: as many as query
   * heads. A null {@code num_key_value_heads} means as many as query heads; a null {@code head_dim}, the quotient, which must then be exact. The
   * activation is {@code hidden_act} (silu when absent), the dtype the object's own, and the
   * embeddings untied unless {@code tie_word_embeddings} says otherwise.
   */
  static Decoder read(
      JsonFields f, long vocab, long hidden, long intermediate, long layers, long heads, long kvHeads, long headDim) {
    return read(
        f, vocab, hidden, intermediate, layers, heads, kvHeads, headDim,
        f.activation("hidden_act"), f.dtype(), f.bool("tie_word_embeddings", false));
  }

  /**
   * As {@link #read(JsonFields, long, long, long, long, long, long, long)}, for a family that reads
   * its activation, dtype or tying otherwise (another key, another default, a fixed activation, a
   * text config falling back to the top level): the record's format reads them and gives them here.
   */
  static Decoder read(
      JsonFields f,
      long vocab,
      long hidden,
      long intermediate,
      long layers,
      long heads,
      long kvHeads,
      long headDim,
      Activation act,
      DType dtype,
      boolean tied) {
    long h = f.positiveInt("hidden_size", hidden);
    long nh = f.positiveInt("num_attention_heads", heads);
    long d = f.positiveIntOrNull("head_dim", headDim, 0);
    if (d == 0) {
      if (h % nh != 0) {
        throw f.brokenRule(
            "'hidden_size' ("
                + h
                + ") must be a multiple of 'num_attention_heads' ("
                + nh
                + ") when 'head_dim' is not set");
      }
      d = h / nh;
    }
    return new Decoder(
        f.modelType(),
        f.positiveInt("vocab_size", vocab),
        h,
        f.positiveInt("intermediate_size", intermediate),
        f.positiveInt("num_hidden_layers", layers),
        nh,
        f.positiveIntOrNull("num_key_value_heads", kvHeads == 0 ? nh : kvHeads, nh),
        d,
        act,
        dtype,
        tied);
  }
}
