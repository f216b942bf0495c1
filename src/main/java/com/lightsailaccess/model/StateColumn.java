package com.lightsailaccess.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** {@link RequestState} in its column: the word people read. */
@Converter
class StateColumn implements AttributeConverter<RequestState, String> {

    @Override
    public String convertToDatabaseColumn(RequestState state) {
        return state == null ? null : state.word();
    }

    @Override
    public RequestState convertToEntityAttribute(String column) {
        return column == null ? null : RequestState.valueOf(column.toUpperCase(Locale.ROOT));
    }
}
