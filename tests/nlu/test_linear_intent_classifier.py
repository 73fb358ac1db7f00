"""The intent classifier: logistic regression over TF-IDF-weighted n-gram counts."""
import numpy as np
import pytest
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear_intent_classifier import LinearIntentClassifier, inverse_document_frequency, tfidf

EXAMPLES = {
    "unpaid_wages": ["my boss did not pay my salary", "no salary for two months", "salary is late again",
                     "employer not pay wages", "they cut my pay"],
    "passport_retention": ["the boss keeps my passport", "agent took my passport", "can i get my passport back",
                           "employer hold my passport", "passport taken by company"],
    "greet": ["hello", "hi there", "good morning", "hello friend", "hi"],
}


def test_tfidf_rows_have_unit_length_and_common_ngrams_weigh_less():
    counts = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 4], [1, 0, 0]]))
    idf = inverse_document_frequency(counts)
    assert idf[0] < idf[1]  # in every row: least telling
    weighted = tfidf(counts, idf).toarray()
    assert np.allclose(np.linalg.norm(weighted, axis=1), 1.0)
    assert weighted[1, 2] / weighted[1, 0] < 4 * idf[2] / idf[0]  # four times the count is not four times the weight


@pytest.fixture(params=[None, "balanced"], ids=["unweighted", "balanced"])
def trained(tmp_path, request):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test-model")
    messages = [Message.build(text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    data = TrainingData(messages)
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process_training_data(data)
    featurizers = [CountVectorsFeaturizer.create({**CountVectorsFeaturizer.get_default_config(), **config}, storage,
                                                 Resource(f"cv{i}"), context)
                   for i, config in enumerate([{}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4}])]
    for featurizer in featurizers:
        featurizer.train(data)
        featurizer.process_training_data(data)
    resource = Resource("linear")
    config = {"class_weight": request.param}
    LinearIntentClassifier.create(config, storage, resource, context).train(data)
    classifier = LinearIntentClassifier.load(config, storage, resource, context)

    def parse(text):
        message = Message(data={"text": text})
        tokenizer.process([message])
        for featurizer in featurizers:
            featurizer.process([message])
        classifier.process([message])
        return message

    return parse


def test_a_trained_and_reloaded_classifier_recognises_new_wordings(trained):
    assert trained("boss no pay my salary").get("intent")["name"] == "unpaid_wages"
    assert trained("agent keeps passport").get("intent")["name"] == "passport_retention"
    assert trained("hello hello").get("intent")["name"] == "greet"


def test_confidences_are_a_ranked_probability_distribution(trained):
    message = trained("my pasport was taken")
    ranking = message.get("intent_ranking")
    confidences = [r["confidence"] for r in ranking]
    assert ranking[0] == message.get("intent") and ranking[0]["name"] == "passport_retention"
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0) and len(ranking) == 3


def test_a_message_sharing_nothing_with_the_training_data_gets_no_confident_intent(trained):
    message = trained("zzzz qqqq")
    assert message.get("intent")["confidence"] < 0.5
